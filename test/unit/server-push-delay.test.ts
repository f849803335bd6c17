import * as assert from 'assert';
import { pushDelay, PUSH_DELAY_MAX_MS, PUSH_DELAY_MIN_MS } from '../../server/src/push-delay';

describe('push diagnostics: the wait after a change', () => {
  it('is twice the last check, between the bounds; an opened document is checked at once', () => {
    assert.strictEqual(pushDelay(undefined, true), 0);
    assert.strictEqual(pushDelay(500, true), 0);
    assert.strictEqual(pushDelay(undefined, false), PUSH_DELAY_MIN_MS);
    assert.strictEqual(pushDelay(1.5, false), PUSH_DELAY_MIN_MS, 'a 15 KB letter');
    assert.strictEqual(pushDelay(30, false), 60);
    assert.strictEqual(pushDelay(100, false), PUSH_DELAY_MAX_MS, 'a 5 MB letter');
    assert.ok(PUSH_DELAY_MIN_MS < PUSH_DELAY_MAX_MS);
  });
});
