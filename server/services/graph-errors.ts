import { GraphValidationError } from '../../nodes/core/errors';

export function isGraphValidationError(error: unknown): error is GraphValidationError {
  return error instanceof GraphValidationError || (error instanceof Error && error.name === 'GraphValidationError');
}
