/**
 * Errors shaped like Office.js's `OfficeExtension.Error` (whose runtime name is "RichApi.Error"): a `code`
 * from OfficeExtension.ErrorCodes / Excel.ErrorCodes, a message and `debugInfo.errorLocation`.
 */

export const ErrorCodes = {
  accessDenied: "AccessDenied",
  generalException: "GeneralException",
  invalidArgument: "InvalidArgument",
  invalidObjectPath: "InvalidObjectPath",
  invalidOperation: "InvalidOperation",
  invalidRequestContext: "InvalidRequestContext",
  invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  nonBlankCellOffSheet: "NonBlankCellOffSheet",
  operationCellsExceedLimit: "OperationCellsExceedLimit",
  propertyNotLoaded: "PropertyNotLoaded",
  valueNotLoaded: "ValueNotLoaded",
  requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  runMustReturnPromise: "RunMustReturnPromise",
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface FakeDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
}

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: FakeDebugInfo;
  readonly httpStatusCode: number;
  readonly traceMessages: string[] = [];
  readonly innerError: null = null;

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    Object.setPrototypeOf(this, FakeOfficeError.prototype);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = errorLocation === undefined ? { code, message } : { code, message, errorLocation };
    this.httpStatusCode = code === ErrorCodes.itemNotFound ? 404 : code === ErrorCodes.accessDenied ? 401 : 400;
  }

  /** A copy that says where it happened, for errors raised deep in the model. */
  at(errorLocation: string): FakeOfficeError {
    if (this.debugInfo.errorLocation) return this;
    const located = new FakeOfficeError(this.code, this.message, errorLocation);
    located.stack = this.stack;
    return located;
  }
}

const PAYLOAD_HELP =
  'Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".';

export const errors = {
  propertyNotLoaded: (type: string, property: string) =>
    new FakeOfficeError(
      ErrorCodes.propertyNotLoaded,
      `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      `${type}.${property}`,
    ),
  valueNotLoaded: () =>
    new FakeOfficeError(
      ErrorCodes.valueNotLoaded,
      'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
    ),
  itemNotFound: (detail?: string) => new FakeOfficeError(ErrorCodes.itemNotFound, `The requested resource doesn't exist.${detail ? ` (${detail})` : ""}`),
  invalidArgument: (detail?: string) =>
    new FakeOfficeError(ErrorCodes.invalidArgument, `The argument is invalid or missing or has an incorrect format.${detail ? ` (${detail})` : ""}`),
  shapeMismatch: () =>
    new FakeOfficeError(ErrorCodes.invalidArgument, "The number of rows or columns in the input array doesn't match the size or dimensions of the range."),
  invalidOperation: (detail: string) =>
    new FakeOfficeError(ErrorCodes.invalidOperation, `The operation is invalid for the object or its current state. (${detail})`),
  itemAlreadyExists: (detail: string) => new FakeOfficeError(ErrorCodes.itemAlreadyExists, `The resource already exists. (${detail})`),
  accessDenied: (detail: string) =>
    new FakeOfficeError(ErrorCodes.accessDenied, `The cell or chart you're trying to change is on a protected sheet. (${detail})`),
  requestTooLarge: (bytes: number, limit: number) =>
    new FakeOfficeError(
      ErrorCodes.requestPayloadSizeLimitExceeded,
      `The request payload size has exceeded the limit (${bytes} > ${limit} bytes). ${PAYLOAD_HELP}`,
    ),
  responseTooLarge: (limit: number) =>
    new FakeOfficeError(ErrorCodes.responsePayloadSizeLimitExceeded, `The response payload size has exceeded the limit (${limit} bytes). ${PAYLOAD_HELP}`),
  invalidObjectPath: () =>
    new FakeOfficeError(
      ErrorCodes.invalidObjectPath,
      `The object path isn't working for what you're trying to do. If you're using the object across multiple "context.sync" calls and outside the sequential execution of a ".run" batch, please use the "context.trackedObjects.add()" and "context.trackedObjects.remove()" methods to manage the object's lifetime.`,
    ),
  /** Excel.ErrorCodes.operationCellsExceedLimit: one operation touches more cells than Excel (on the web) allows. */
  operationCellsExceedLimit: () =>
    new FakeOfficeError(ErrorCodes.operationCellsExceedLimit, "The attempted operation affects more than the limit of cells."),
  nonBlankCellOffSheet: () =>
    new FakeOfficeError(ErrorCodes.nonBlankCellOffSheet, "Microsoft Excel can't insert new cells because it would push non-empty cells off the end of the worksheet."),
  /** Excel.ErrorCodes.invalidOperationInCellEditMode, with the text Microsoft documents for it (Excel error handling: "Excel JavaScript API error codes"). */
  cellEditMode: () =>
    new FakeOfficeError(
      ErrorCodes.invalidOperationInCellEditMode,
      "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.",
    ),
  invalidRequestContext: () => new FakeOfficeError(ErrorCodes.invalidRequestContext, "Cannot use the object across different request contexts."),
  runMustReturnPromise: () =>
    new FakeOfficeError(
      ErrorCodes.runMustReturnPromise,
      'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation.',
    ),
};

/** Thrown (synchronously, not as an Office error) when code uses something the double deliberately lacks. */
export class FakeExcelUnsupported extends Error {
  constructor(message: string) {
    super(message);
    Object.setPrototypeOf(this, FakeExcelUnsupported.prototype);
    this.name = "FakeExcelUnsupported";
  }
}
