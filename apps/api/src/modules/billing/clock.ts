import { Injectable } from '@nestjs/common';

/** The current instant, injectable so that date rules can be tested on any day. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
