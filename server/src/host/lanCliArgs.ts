/** The flags of the terminal LAN host (`npm run serve -- --lan ...`), on top of the server's own. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { passcodeSchema, type Admission } from '../../../src-common/protocol';
import { defaultMeetingName, meetingNameSchema } from '../../../src-common/validation';

export const lanUsage = `LAN hosting (HTTPS with a certificate kept in the data folder, an invite code, mDNS):
  --lan                host one meeting on this network and print its code, link, fingerprint and QR code
  --meeting NAME       the meeting's name in invites and the network list (default: "<hostname>'s meeting")
  --passcode-file FILE let in whoever has the code and the passcode in FILE (env PARLEY_PASSCODE holds
                       it directly; never on the command line, where \`ps\` shows it to everyone).
                       Default: anyone with the code, and the meeting is then not announced on mDNS
  --data-dir DIR       where the certificate is kept (default ~/.config/parley; env PARLEY_DATA_DIR)`;

export interface LanCliOptions {
  meetingName: string;
  admission: Admission;
  dataDir: string;
  /** The server's own flags, for parseCli. */
  rest: string[];
}

/**
 * Takes the LAN flags out of `argv`, or null when `--lan` is absent (an ordinary server). A
 * terminal host has nobody at a screen to admit knocks, so it admits everyone with the code, or
 * everyone with the code and the passcode.
 */
export function parseLanCli(argv: string[], env: NodeJS.ProcessEnv): LanCliOptions | null {
  if (!argv.includes('--lan')) return null;
  const rest: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--lan') continue;
    if (/^--passcode(=|$)/.test(arg)) {
      throw new Error('--passcode would show in `ps` to everyone on this machine: put it in a file (--passcode-file FILE) or in PARLEY_PASSCODE');
    }
    const flag = /^--(meeting|passcode-file|data-dir)(?:=(.*))?$/.exec(arg);
    if (!flag) {
      rest.push(arg);
      continue;
    }
    const value = flag[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${flag[1]} needs a value`);
    values.set(flag[1]!, value);
  }
  const passcodeFile = values.get('passcode-file');
  const passcode = passcodeFile !== undefined ? readPasscode(passcodeFile) : env.PARLEY_PASSCODE;
  let admission: Admission = { mode: 'open' };
  if (passcode !== undefined) {
    const parsed = passcodeSchema.safeParse(passcode);
    if (!parsed.success) throw new Error(`the passcode: ${parsed.error.issues[0]?.message ?? 'not a passcode'}`);
    admission = { mode: 'passcode', passcode: parsed.data };
  }
  const named = meetingNameSchema.safeParse(values.get('meeting') ?? defaultMeetingName(os.hostname().split('.')[0] ?? ''));
  if (!named.success) throw new Error(`--meeting needs a name: ${named.error.issues[0]?.message ?? 'not a name'}`);
  const meetingName = named.data;
  return {
    meetingName,
    admission,
    dataDir: values.get('data-dir') ?? env.PARLEY_DATA_DIR ?? path.join(os.homedir(), '.config', 'parley'),
    rest,
  };
}

function readPasscode(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new Error(`--passcode-file: cannot read ${file}: ${(error as Error).message}`);
  }
}
