import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StackError } from '../../stack/errors';
import { findJava, findMaven, javaMajor, parseJavaVersionOutput } from '../../stack/java';

describe('stack/java', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techmap-java-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A fake JDK: bin/java (never run) and the release file real JDKs ship. */
  function fakeJdk(name: string, version: string): string {
    const home = path.join(dir, 'jvm', name);
    fs.mkdirSync(path.join(home, 'bin'), { recursive: true });
    fs.writeFileSync(path.join(home, 'bin', 'java'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    fs.writeFileSync(path.join(home, 'release'), `IMPLEMENTOR="test"\nJAVA_VERSION="${version}"\n`);
    return home;
  }

  it('reads major versions', () => {
    assert.equal(javaMajor('17.0.15'), 17);
    assert.equal(javaMajor('1.8.0_392'), 8);
    assert.equal(javaMajor('25'), 25);
    assert.ok(Number.isNaN(javaMajor('abc')));
    assert.equal(parseJavaVersionOutput('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime'), '17.0.15');
    assert.equal(parseJavaVersionOutput('nothing here'), null);
  });

  it('prefers the named env var, then JAVA_HOME, then the newest JDK that is new enough', () => {
    const jdk17 = fakeJdk('java-17', '17.0.15');
    const jdk21 = fakeJdk('java-21', '21.0.5');
    const jdk25 = fakeJdk('temurin-25', '25.0.3');
    const jvmDir = path.join(dir, 'jvm');
    const noPath = { PATH: '' };
    assert.equal(findJava(21, 'Apicurio', ['JAVA21_HOME'], { ...noPath, JAVA21_HOME: jdk21 }, jvmDir).home, jdk21);
    assert.equal(findJava(17, 'Kafka', [], { ...noPath, JAVA_HOME: jdk17 }, jvmDir).home, jdk17);
    // JAVA_HOME too old for 21: falls through to the newest installed one.
    assert.equal(findJava(21, 'Apicurio', ['JAVA21_HOME'], { ...noPath, JAVA_HOME: jdk17 }, jvmDir).home, jdk25);
    assert.equal(findJava(21, 'Apicurio', ['JAVA21_HOME'], noPath, jvmDir).major, 25);
  });

  it('fails with one line naming what to install when no Java is new enough', () => {
    fakeJdk('java-17', '17.0.15');
    assert.throws(
      () => findJava(21, 'Apicurio Registry 3.3.3', ['JAVA21_HOME'], { PATH: '' }, path.join(dir, 'jvm')),
      (err: unknown) =>
        err instanceof StackError &&
        err.exitCode === 4 &&
        !err.message.includes('\n') &&
        err.message.startsWith('Apicurio Registry 3.3.3 needs Java 21+ (found only Java 17): install a JDK 21+') &&
        err.message.includes('JAVA21_HOME'),
    );
    assert.throws(
      () => findJava(17, 'Kafka 4', [], { PATH: '' }, path.join(dir, 'nothing')),
      /^StackError: Kafka 4 needs Java 17\+: install it with `apt-get install -y openjdk-17-jre-headless`/,
    );
  });

  it('finds Maven on PATH, or says to install the maven package', () => {
    assert.throws(
      () => findMaven({ PATH: dir }),
      (err: unknown) => err instanceof StackError && err.exitCode === 4 && /apt-get install -y maven/.test(err.message),
    );
    fs.writeFileSync(path.join(dir, 'mvn'), '#!/bin/sh\n', { mode: 0o755 });
    assert.equal(findMaven({ PATH: dir }), path.join(dir, 'mvn'));
  });
});
