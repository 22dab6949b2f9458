import type { Schemas } from '@bc/api-client';

export type MemoKindState = Schemas['MemoKindStateDto'];
export type MemoVersion = Schemas['MemoVersionDto'];
export type MemoQuota = Schemas['MemoQuotaDto'];
