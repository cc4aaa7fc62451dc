import assert from 'node:assert/strict';
import { isAllowedDownloadUrl } from '../../../src/infrastructure/registerFile/downloadRegisterFile';

describe('register file download policy', () => {
  const production = { hosts: ['intranet.kommun.se'], allowLoopback: false };
  const local = { hosts: [], allowLoopback: true };

  it('allows https on SharePoint hosts and on configured hosts only, in production', () => {
    assert.equal(
      isAllowedDownloadUrl('https://kommun.sharepoint.com/_layouts/15/download.aspx?x=1', production),
      true,
    );
    assert.equal(
      isAllowedDownloadUrl('https://kommun-my.sharepoint.com/personal/a/file.xlsx', production),
      true,
    );
    assert.equal(isAllowedDownloadUrl('https://intranet.kommun.se/file.xlsx', production), true);
    assert.equal(isAllowedDownloadUrl('http://kommun.sharepoint.com/file.xlsx', production), false);
    assert.equal(isAllowedDownloadUrl('https://sharepoint.com.evil.example/file.xlsx', production), false);
    assert.equal(isAllowedDownloadUrl('https://evilsharepoint.com/file.xlsx', production), false);
    assert.equal(isAllowedDownloadUrl('https://kommun.sharepoint.com:8443/file.xlsx', production), false);
    assert.equal(isAllowedDownloadUrl('https://user:pw@kommun.sharepoint.com/file.xlsx', production), false);
    assert.equal(isAllowedDownloadUrl('http://127.0.0.1:8080/file.xlsx', production), false);
    assert.equal(isAllowedDownloadUrl('https://169.254.169.254/metadata', production), false);
    assert.equal(isAllowedDownloadUrl('not a url', production), false);
  });

  it('allows loopback http as well in local mode, so the flow can be tried without Teams', () => {
    assert.equal(isAllowedDownloadUrl('http://127.0.0.1:8080/file.xlsx', local), true);
    assert.equal(isAllowedDownloadUrl('http://[::1]:8080/file.xlsx', local), true);
    assert.equal(isAllowedDownloadUrl('http://10.0.0.5/file.xlsx', local), false);
    assert.equal(isAllowedDownloadUrl('file:///etc/passwd', local), false);
  });
});
