import assert from 'node:assert/strict';
import {
  decodeEntities,
  htmlToText,
  markdownToText,
  normaliseLines,
  toCleanText,
} from '../../../processors/refine/html';

describe('refine html → clean text', () => {
  it('turns blocks into lines and list items into "- " lines, dropping scripts and styles', () => {
    const html =
      '<div><h3>What you&#39;ll do</h3><ul><li>Build <b>APIs</b></li><li>Run&nbsp;Kafka</li></ul>' +
      '<script>alert(1)</script><style>p{}</style><p>Line one<br>Line two</p></div>';
    assert.equal(htmlToText(html), "What you'll do\n- Build APIs\n- Run Kafka\nLine one\nLine two");
  });

  it('decodes entity-escaped HTML (Greenhouse content) before reading it', () => {
    const escaped =
      '&lt;p&gt;Tom &amp;amp; Jerry&lt;/p&gt;&lt;ul&gt;&lt;li&gt;C&amp;#43;&amp;#43; &amp;lt;3&lt;/li&gt;&lt;/ul&gt;';
    assert.equal(htmlToText(escaped), 'Tom & Jerry\n- C++ <3');
  });

  it('decodes named, decimal and hex entities', () => {
    assert.equal(decodeEntities('a &amp; b &lt; c &#x27;d&#x27; &#8212; &nbsp;e'), "a & b < c 'd' — \u00a0e");
  });

  it('keeps nested lists as "- " lines in order', () => {
    assert.equal(
      htmlToText('<ul><li>Languages<ul><li>Go</li><li>Rust</li></ul></li><li>Cloud</li></ul>'),
      '- Languages\n- Go\n- Rust\n- Cloud',
    );
  });

  it('normalises plain text: CRLF, bullets, zero-width and repeated spaces, blank lines', () => {
    assert.equal(
      normaliseLines('• 첫째\r\n\r\n  ·  둘째\u200b  항목 \n- • 셋째\n\u3000'),
      '- 첫째\n- 둘째 항목\n- 셋째',
    );
  });

  it('reads light Markdown (Programmers) as text', () => {
    assert.equal(
      markdownToText('## 주요 업무\n* **API** 개발\n+ [문서](https://x.example) 작성'),
      '주요 업무\n- API 개발\n- 문서 작성',
    );
  });

  it('picks the reader by what the input is', () => {
    assert.equal(toCleanText('<p>a</p><p>b</p>'), 'a\nb');
    assert.equal(toCleanText('a &amp; b\n\n- c'), 'a & b\n- c');
    assert.equal(toCleanText(null), '');
  });
});
