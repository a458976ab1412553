import { AppError } from '../graphql/errors.js';

export class EventNotAllowedError extends AppError {
  constructor(type: string, state: string, available: string[]) {
    super('EVENT_NOT_ALLOWED', `The ticket in state "${state}" takes no event ${type}; it takes: ${available.join(', ') || 'none'}`, {
      state,
      availableEvents: available,
    });
  }
}

export class VersionConflictError extends AppError {
  constructor(expected: number, actual: number) {
    super('VERSION_CONFLICT', `The ticket is at version ${actual}, not ${expected}: reload it and try again`, {
      expectedVersion: expected,
      actualVersion: actual,
    });
  }
}
