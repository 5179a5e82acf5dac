// Backup files: names, SHA-256 checksum files and the retention rule. Only node: imports (the backup image
// compiles this file on its own).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** `<database>-<UTC stamp>.dump`, e.g. `cbp-20250105T023000Z.dump`; the stamp sorts like the time. */
const BACKUP_NAME = /^(.+)-(\d{8}T\d{6}Z)\.dump$/;

export interface BackupFile {
  name: string;
  prefix: string;
  takenAt: Date;
}

export function backupFileName(prefix: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${prefix}-${stamp}.dump`;
}

export function parseBackupFileName(name: string): BackupFile | null {
  const match = BACKUP_NAME.exec(name);
  if (!match) return null;
  const stamp = match[2] ?? '';
  const iso = `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`;
  const takenAt = new Date(iso);
  if (Number.isNaN(takenAt.getTime())) return null;
  return { name, prefix: match[1] ?? '', takenAt };
}

export const checksumFileOf = (dumpPath: string): string => `${dumpPath}.sha256`;

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes `<hex>  <name>` next to the dump: the format `sha256sum -c` reads, so operators can check by hand. */
export async function writeChecksum(dumpPath: string): Promise<string> {
  const digest = await sha256File(dumpPath);
  await fs.writeFile(checksumFileOf(dumpPath), `${digest}  ${path.basename(dumpPath)}\n`, { mode: 0o600 });
  return digest;
}

export type ChecksumCheck = { ok: true; digest: string } | { ok: false; problem: string };

export async function verifyChecksum(dumpPath: string): Promise<ChecksumCheck> {
  let recorded: string;
  try {
    recorded = await fs.readFile(checksumFileOf(dumpPath), 'utf8');
  } catch {
    return { ok: false, problem: `no checksum file ${path.basename(checksumFileOf(dumpPath))} next to the backup` };
  }
  const expected = /^([0-9a-f]{64})\s/.exec(recorded)?.[1];
  if (!expected) return { ok: false, problem: `${path.basename(checksumFileOf(dumpPath))} is not a sha256sum line` };
  const actual = await sha256File(dumpPath);
  if (actual !== expected) return { ok: false, problem: `checksum mismatch: the file is ${actual}, the checksum file says ${expected}` };
  return { ok: true, digest: actual };
}

export interface RetentionPolicy {
  /** The newest backup of each of the last `daily` days that have one. */
  daily: number;
  /** The newest backup of each of the last `weekly` ISO weeks that have one. */
  weekly: number;
}

/** ISO 8601 week of a UTC date, as `YYYY-Www` (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Which backups to keep: the union of the daily and weekly picks (grandfather-father-son without the monthly
 * tier). Everything else may be deleted. Only backups with the same prefix are compared.
 */
export function selectRetained(backups: BackupFile[], policy: RetentionPolicy): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  const keep = new Set<string>();
  const pick = (bucketOf: (d: Date) => string, count: number): void => {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      const bucket = bucketOf(backup.takenAt);
      if (seen.has(bucket)) continue;
      if (seen.size >= count) break;
      seen.add(bucket);
      keep.add(backup.name);
    }
  };
  pick((d) => d.toISOString().slice(0, 10), policy.daily);
  pick(isoWeek, policy.weekly);
  return keep;
}

/** Deletes the backups (and their checksum files) in `dir` with `prefix` that the policy does not keep. */
export async function pruneBackups(dir: string, prefix: string, policy: RetentionPolicy): Promise<{ kept: string[]; deleted: string[] }> {
  const backups = (await fs.readdir(dir)).map(parseBackupFileName).filter((b): b is BackupFile => b !== null && b.prefix === prefix);
  const keep = selectRetained(backups, policy);
  const deleted: string[] = [];
  for (const backup of backups) {
    if (keep.has(backup.name)) continue;
    const file = path.join(dir, backup.name);
    await fs.rm(file, { force: true });
    await fs.rm(checksumFileOf(file), { force: true });
    deleted.push(backup.name);
  }
  return { kept: [...keep].sort(), deleted: deleted.sort() };
}
