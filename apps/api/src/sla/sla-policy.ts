import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY, PolicyError, parsePolicy, type SlaPolicy } from '@gd/sla';
import { Inject } from '@nestjs/common';
import { type Config, ConfigError } from '../config.js';
import { resolveFromUser } from '../paths.js';

/** The SLA policy in force on this node: `SLA_POLICY_FILE` (JSON, checked by @gd/sla) or the default. */
export const SLA_POLICY = Symbol('SLA_POLICY');
export const InjectSlaPolicy = () => Inject(SLA_POLICY);

/**
 * Reads and checks the policy before the application is built, so a bad file stops the start with a
 * ConfigError naming the file and each faulty entry (main.ts prints it and exits 78).
 */
export function loadSlaPolicy(config: Pick<Config, 'SLA_POLICY_FILE'>): SlaPolicy {
  const file = config.SLA_POLICY_FILE;
  if (!file) return DEFAULT_POLICY;
  const path = resolveFromUser(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([`SLA_POLICY_FILE: cannot read ${path}: ${(err as Error).message}`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError([`SLA_POLICY_FILE: ${path} is not valid JSON: ${(err as Error).message}`]);
  }
  try {
    return parsePolicy(json);
  } catch (err) {
    if (err instanceof PolicyError)
      throw new ConfigError(err.issues.map((issue) => `SLA_POLICY_FILE (${path}): ${issue}`));
    throw err;
  }
}
