import { strict as assert } from 'node:assert';
import { localTimeZone, zoneNameFrom } from '../../server/context/timezone';

describe('agent: local time zone', () => {
  it('reads zone names from /etc/localtime links and TZ values', () => {
    assert.equal(zoneNameFrom('/usr/share/zoneinfo/Europe/Kyiv'), 'Europe/Kyiv');
    assert.equal(zoneNameFrom('../usr/share/zoneinfo/America/Argentina/Buenos_Aires'), 'America/Argentina/Buenos_Aires');
    assert.equal(zoneNameFrom(':Asia/Kolkata'), 'Asia/Kolkata');
    assert.equal(zoneNameFrom('/usr/share/zoneinfo/Etc/UTC'), 'UTC');
    assert.equal(zoneNameFrom('GMT'), 'UTC');
  });
  it('rejects values that are not zone names', () => {
    assert.equal(zoneNameFrom(undefined), null);
    assert.equal(zoneNameFrom(''), null);
    assert.equal(zoneNameFrom('EST5EDT,M3.2.0,M11.1.0'), null);
    assert.equal(zoneNameFrom('/etc/../../weird path'), null);
  });
  it('agrees with Intl on this machine', () => {
    const intl = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const ours = localTimeZone();
    assert.ok(ours === intl || (ours === 'UTC' && /^(Etc\/)?(UTC|GMT)$/.test(intl)), `${ours} vs ${intl}`);
  });
});
