import type { SecurityCheck } from './infra-template';
import { DATABASE_CHECKS } from './infra-checks-database';
import { NETWORK_CHECKS } from './infra-checks-network';
import { STORAGE_CHECKS } from './infra-checks-storage';
import { WORKER_CHECKS } from './infra-checks-workers';
import { PEOPLE_CHECKS } from './infra-checks-people';
import { MONITORING_CHECKS } from './infra-checks-monitoring';

/**
 * The security properties of the CloudBank stack, each as a check over the synthesised template and
 * a way to switch that one property off in a copy of the template. The suite asserts every check
 * passes on the real stack AND fails on the copy with its property off, so no check can pass
 * vacuously and removing a property from the stack fails a test.
 *
 * The checks are grouped by what they protect (infra-checks-*.ts); reading the template is in
 * infra-template.ts.
 */

export const SECURITY_CHECKS: SecurityCheck[] = [...DATABASE_CHECKS, ...NETWORK_CHECKS, ...STORAGE_CHECKS, ...WORKER_CHECKS, ...PEOPLE_CHECKS, ...MONITORING_CHECKS];
