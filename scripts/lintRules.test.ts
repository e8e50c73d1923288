/**
 * The core's layer rules (eslint.config.js) hold, including the ways round them a reviewer found:
 * the long path to a higher layer, a folder outside the layers, and JSX deep inside a layer.
 * Linted as text at paths that do not exist, so nothing is written to the tree.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('the renderer core\'s layers', () => {
  it.each([
    ['a lower layer importing a higher one', 'src-renderer/src/core/media/x.ts', "import { RoomSession } from '../session/RoomSession';\nexport const a = RoomSession;\n"],
    ['the same the long way round', 'src-renderer/src/core/media/x.ts', "import { RoomSession } from '../../core/session/RoomSession';\nexport const a = RoomSession;\n"],
    ['core importing React', 'src-renderer/src/core/session/x.ts', "import { useState } from 'react';\nexport const a = useState;\n"],
    ['a folder outside the layers', 'src-renderer/src/core/misc/x.ts', 'export const a = 1;\n'],
    ['JSX deep in a layer', 'src-renderer/src/core/media/deep/x.tsx', 'export const a = 1;\n'],
    ['a component reaching signaling', 'src-renderer/src/components/X.tsx', "import { SignalingClient } from '../core/signaling/SignalingClient';\nexport const a = SignalingClient;\n"],
  ])('refuses %s', async (_name, file, code) => {
    expect(await problems(file, code)).not.toEqual([]);
  }, 60_000);

  it.each([
    ['a higher layer importing a lower one', 'src-renderer/src/core/session/x.ts', "import { Store } from '../base/Store';\nexport const a = Store;\n"],
    ['a component using the session', 'src-renderer/src/components/X.tsx', "import { RoomSession } from '../core/session/RoomSession';\nexport const a = RoomSession;\n"],
  ])('allows %s', async (_name, file, code) => {
    expect(await problems(file, code)).toEqual([]);
  }, 60_000);
});
