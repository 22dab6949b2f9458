import type { MigrationInterface } from 'typeorm';
import { CreateCallsAndReceptionSchedule1764700000000 } from './1764700000000-CreateCallsAndReceptionSchedule';
import { AddCallRecording1764700100000 } from './1764700100000-AddCallRecording';
import { AddOperatorDesk1764700200000 } from './1764700200000-AddOperatorDesk';
import { AddReceptionAlwaysOpen1764700300000 } from './1764700300000-AddReceptionAlwaysOpen';
import { CountAnsweredCalls1764810000000 } from './1764810000000-CountAnsweredCalls';

/** Telephony (calls, the operators' queue, reception hours): timestamps 17647xxxxxxxx (and 176481…). */
export const TELEPHONY_MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateCallsAndReceptionSchedule1764700000000,
  AddCallRecording1764700100000,
  AddOperatorDesk1764700200000,
  AddReceptionAlwaysOpen1764700300000,
  CountAnsweredCalls1764810000000,
];
