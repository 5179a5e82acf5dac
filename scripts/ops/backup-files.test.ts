import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  backupFileName,
  isoWeek,
  parseBackupFileName,
  pruneBackups,
  selectRetained,
  verifyChecksum,
  writeChecksum,
} from './backup-files.js';
import type { BackupFile } from './backup-files.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cbp-backup-files-'));
  dirs.push(dir);
  return dir;
};

/** One backup a night at 02:30 UTC for `days` days, ending on `last` (YYYY-MM-DD). */
function nightly(last: string, days: number): BackupFile[] {
  const end = Date.parse(`${last}T02:30:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const name = backupFileName('cbp', new Date(end - i * 86_400_000));
    const parsed = parseBackupFileName(name);
    if (!parsed) throw new Error(name);
    return parsed;
  });
}

describe('backup file names', () => {
  it('stamp the UTC time, sortable, and parse back', () => {
    const at = new Date('2025-01-05T02:30:09.123Z');
    expect(backupFileName('cbp', at)).toBe('cbp-20250105T023009Z.dump');
    expect(parseBackupFileName('cbp-20250105T023009Z.dump')).toEqual({
      name: 'cbp-20250105T023009Z.dump',
      prefix: 'cbp',
      takenAt: new Date('2025-01-05T02:30:09Z'),
    });
    expect(parseBackupFileName('my-db-20250105T023009Z.dump')?.prefix).toBe('my-db');
    for (const other of ['cbp-20250105T023009Z.dump.sha256', '.cbp-20250105T023009Z.dump.partial', 'notes.txt', 'cbp-2025.dump']) {
      expect(parseBackupFileName(other)).toBeNull();
    }
  });

  it('ISO weeks start on Monday; the first week of a year holds its first Thursday', () => {
    expect(isoWeek(new Date('2025-01-05T12:00:00Z'))).toBe('2025-W01'); // Sunday
    expect(isoWeek(new Date('2025-01-06T00:00:00Z'))).toBe('2025-W02'); // Monday
    expect(isoWeek(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(isoWeek(new Date('2021-01-03T00:00:00Z'))).toBe('2020-W53');
  });
});

describe('retention', () => {
  it('keeps the newest 7 nights and the newest backup of each of the 4 newest weeks', () => {
    // Sunday 2025-02-02 back to 2024-12-24: 41 nightly backups.
    const backups = nightly('2025-02-02', 41);
    const keep = [...selectRetained(backups, { daily: 7, weekly: 4 })].sort();
    expect(keep).toEqual([
      // weekly: the newest of weeks 2025-W02, W03, W04 (Sundays) and W05 (the same Sunday as the newest daily)
      'cbp-20250112T023000Z.dump',
      'cbp-20250119T023000Z.dump',
      'cbp-20250126T023000Z.dump',
      // daily: 2025-01-27 … 2025-02-02
      'cbp-20250127T023000Z.dump',
      'cbp-20250128T023000Z.dump',
      'cbp-20250129T023000Z.dump',
      'cbp-20250130T023000Z.dump',
      'cbp-20250131T023000Z.dump',
      'cbp-20250201T023000Z.dump',
      'cbp-20250202T023000Z.dump',
    ]);
  });

  it('counts days, not files: two backups on one day keep only the newer for that day', () => {
    const names = ['cbp-20250102T023000Z.dump', 'cbp-20250102T140000Z.dump', 'cbp-20250101T023000Z.dump'];
    const backups = names.map((n) => parseBackupFileName(n) as BackupFile);
    expect([...selectRetained(backups, { daily: 2, weekly: 0 })].sort()).toEqual([
      'cbp-20250101T023000Z.dump',
      'cbp-20250102T140000Z.dump',
    ]);
  });

  it('prunes the rest with their checksum files, and touches no other file', async () => {
    const dir = tempDir();
    for (const backup of nightly('2025-02-02', 10)) {
      writeFileSync(path.join(dir, backup.name), 'x');
      writeFileSync(path.join(dir, `${backup.name}.sha256`), 'x');
    }
    writeFileSync(path.join(dir, 'other-20250101T000000Z.dump'), 'another database');
    writeFileSync(path.join(dir, 'README'), 'kept');
    const result = await pruneBackups(dir, 'cbp', { daily: 3, weekly: 1 });
    expect(result.deleted).toHaveLength(7);
    expect(readdirSync(dir).sort()).toEqual([
      'README',
      'cbp-20250131T023000Z.dump',
      'cbp-20250131T023000Z.dump.sha256',
      'cbp-20250201T023000Z.dump',
      'cbp-20250201T023000Z.dump.sha256',
      'cbp-20250202T023000Z.dump',
      'cbp-20250202T023000Z.dump.sha256',
      'other-20250101T000000Z.dump',
    ]);
  });
});

describe('checksums', () => {
  it('writes a sha256sum line and verifies it; a changed byte or a missing file is refused', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'cbp-20250105T023009Z.dump');
    writeFileSync(file, 'PGDMP backup bytes');
    const digest = await writeChecksum(file);
    expect(await verifyChecksum(file)).toEqual({ ok: true, digest });
    writeFileSync(file, 'PGDMP backup byteS');
    expect(await verifyChecksum(file)).toMatchObject({ ok: false, problem: expect.stringMatching(/^checksum mismatch/) });
    rmSync(`${file}.sha256`);
    expect(await verifyChecksum(file)).toMatchObject({ ok: false, problem: expect.stringMatching(/^no checksum file/) });
  });
});
