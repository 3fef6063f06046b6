import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { de as platformMessages } from '../src/platform/messages.ts';
import { registeredModules } from '../src/platform/registry.ts';

/*
 * Every German text of the platform and of the modules is used by the application: a key nobody reads is a
 * text nobody keeps up to date. A key counts as used when the code (tests and message files left out) holds
 * it as a string, or builds it in one of the two ways the code builds keys:
 *   - a fixed start and a value, `offers.status.${status}` (the start has at least two parts, so
 *     `imports.${format}` does not excuse a whole module);
 *   - a base name passed around and an ending added, 'error.notFound' with `${base}.title`.
 */

const SRC = path.resolve(import.meta.dirname, '../src');

/**
 * Unused texts left for their module to decide on, each with why; the test fails once one is used or gone,
 * so the list only shrinks.
 */
const AWAITING_USE: Record<string, string> = {
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    const isCode = /\.tsx?$/.test(entry.name);
    const isTestOrTexts = /\.test\.tsx?$/.test(entry.name) || entry.name.startsWith('test-') || entry.name === 'messages.ts';
    return isCode && !isTestOrTexts ? [full] : [];
  });
}

function unusedKeys(keys: Iterable<string>, code: string): string[] {
  const literals = new Set([...code.matchAll(/(['"`])([A-Za-z][\w.-]*)\1/g)].map((match) => match[2]));
  const starts = new Set([...code.matchAll(/`([A-Za-z]\w*\.[\w.]*\.)\$\{/g)].map((match) => match[1]!));
  const endings = new Set([...code.matchAll(/\}(\.[\w.]+)`/g)].map((match) => match[1]));
  const builtFromBase = (key: string) => {
    for (let dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
      if (literals.has(key.slice(0, dot)) && endings.has(key.slice(dot))) return true;
    }
    return false;
  };
  return [...keys].filter((key) => !literals.has(key) && !builtFromBase(key) && ![...starts].some((start) => key.startsWith(start)));
}

it('finds a key that is not read, and none that is read in one of the three ways', () => {
  const code = "t('a.b.read'); t(`a.status.${s}`); problem(reply, 'a.gone'); t(`${base}.title`);";
  expect(unusedKeys(['a.b.read', 'a.status.open', 'a.gone.title', 'a.gone.text', 'a.b.unread', 'a.other'], code)).toEqual([
    'a.gone.text',
    'a.b.unread',
    'a.other',
  ]);
});

it('uses every German text that the platform and the modules define', () => {
  const code = sourceFiles(SRC)
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
  const owners = new Map<string, string>(Object.keys(platformMessages).map((key) => [key, 'platform']));
  for (const module of registeredModules()) {
    for (const key of Object.keys(module.messages?.de ?? {})) owners.set(key, module.name);
  }
  expect(owners.size).toBeGreaterThan(1000);
  const unused = unusedKeys(owners.keys(), code);
  const awaiting = Object.keys(AWAITING_USE).filter((key) => owners.has(key) && unused.includes(key));
  expect(awaiting, 'keys of AWAITING_USE that are defined and still unused').toEqual(Object.keys(AWAITING_USE));
  const news = unused.filter((key) => !(key in AWAITING_USE)).map((key) => `${owners.get(key)}: ${key}`);
  expect(news, 'keys no code reads (delete them in de and en, or use them)').toEqual([]);
});
