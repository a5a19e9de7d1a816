// Random and invalid parameters to every route of the OpenAPI document (seeded, bounded, loopback only): the
// gateway answers 2xx, 3xx or 4xx — never 5xx — and every 4xx is a JSON error body without a stack trace.
import assert from 'node:assert/strict';
import { fuzzGateway } from './fuzz';
import { ADMIN_TOKEN, createWorld, type World } from './support';

const PER_OPERATION = Number(process.env.GATEWAY_FUZZ_CASES ?? 40);
const SEED = Number(process.env.GATEWAY_FUZZ_SEED ?? 1234);

describe('gateway fuzz (integration)', function () {
  this.timeout(300000);
  let world: World;
  let url: string;

  before(async () => {
    world = await createWorld('fuzz');
    url = (await world.listen(world.app())).url;
  });
  after(async () => {
    await world?.close();
  });

  it(`${PER_OPERATION} random requests per operation see only 2xx/3xx/4xx (seed ${SEED})`, async () => {
    const { sent, statuses, failures } = await fuzzGateway(url, {
      perOperation: PER_OPERATION,
      seed: SEED,
      adminToken: ADMIN_TOKEN,
    });
    assert.deepEqual(failures, []);
    assert.ok(sent >= PER_OPERATION * 10, `only ${sent} requests were sent`);
    // Both kinds of answers happened: the fuzzer reached the routes, not only the validators.
    assert.ok((statuses['200'] ?? 0) > 0 && (statuses['400'] ?? 0) > 0, JSON.stringify(statuses));
  });
});
