// The error codes the console acts on, spelled exactly as the API sends them (VideoStudio.Contracts.ErrorCodes, listed
// in docs/http-api.md). The console compares codes only through this module; a test checks every value is one the
// server sends.

export const codes = Object.freeze({
  required: 'required',
  unknownField: 'unknown_field',
  changesNothing: 'changes_nothing',
});
