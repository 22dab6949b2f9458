import { Module } from '@nestjs/common';

/** The inquiries domain. Its issue fills it in; it is registered now so the module map is complete. */
@Module({})
export class InquiriesModule {}
