import { isGrpcServiceError, ScheduleAlreadyRunning, ScheduleNotFoundError, ServiceError } from '@temporalio/client';
import { BadInputError } from '../badInputError.js';
import { UserFacingError } from '../userFacingError.js';

/** Turns the schedule client's errors about one schedule into messages that say what to do. */
export async function withScheduleErrors<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) {
      throw new BadInputError(`there is no schedule "${name}"`, 'list the schedules with `segflow schedule list`');
    }
    if (error instanceof ScheduleAlreadyRunning) {
      throw new UserFacingError(`schedule "${name}" already exists`, `choose another name, or delete it first with \`segflow schedule delete ${name}\``);
    }
    throw error;
  }
}

const INVALID_ARGUMENT = 3;

/**
 * Creating a schedule whose spec the server refuses (a cron field out of range): the client raises
 * a TypeError carrying the server's reason ("Hour is not in range [0-23]"), or a ServiceError over INVALID_ARGUMENT.
 */
export async function withSpecRefusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const reason = error instanceof TypeError
      ? error.message
      : error instanceof ServiceError && isGrpcServiceError(error.cause) && error.cause.code === INVALID_ARGUMENT ? error.cause.details : undefined;
    if (reason) throw new BadInputError(`Temporal refused the schedule: ${reason}`, 'fix --cron or --interval');
    throw error;
  }
}
