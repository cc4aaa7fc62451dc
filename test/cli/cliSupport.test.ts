import assert from 'node:assert/strict';
import { processIo } from '../../src/cli/cliSupport';

describe('a command run as a process', () => {
  let savedInitCwd: string | undefined;

  beforeEach(() => {
    savedInitCwd = process.env.INIT_CWD;
  });

  afterEach(() => {
    if (savedInitCwd === undefined) delete process.env.INIT_CWD;
    else process.env.INIT_CWD = savedInitCwd;
  });

  it('reads relative file names from the folder npm was run in (INIT_CWD), not the package folder', () => {
    process.env.INIT_CWD = '/home/admin/registers';
    assert.equal(processIo().cwd, '/home/admin/registers');
  });

  it('reads them from its own working folder when it was not started by npm', () => {
    delete process.env.INIT_CWD;
    assert.equal(processIo().cwd, process.cwd());
    process.env.INIT_CWD = '';
    assert.equal(processIo().cwd, process.cwd());
  });
});
