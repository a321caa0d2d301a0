import { Injectable } from '@nestjs/common';

/**
 * The time as the application sees it. Rules that depend on elapsed time (idle sessions,
 * lockouts, deadlines) ask the clock, so tests can move it instead of sleeping.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
