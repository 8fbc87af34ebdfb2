// The runtime's internals, as the generated folder holds them: what generated operations call.
// Tests use them to send hand-written operation specs; they are not part of the public API.
export { configureClient } from "../../generated/openai-uploads/runtime/client.js";
export { send } from "../../generated/openai-uploads/runtime/send.js";
export type { ClientDefaults, OperationSpec } from "../../generated/openai-uploads/runtime/spec.js";
export { multipart, urlencoded } from "../../generated/openai-uploads/runtime/form-body.js";
export { Stream } from "../../generated/openai-uploads/runtime/stream.js";
export { styles } from "../../generated/openai-uploads/runtime/param-styles.js";
export { openStream } from "../../generated/openai-uploads/runtime/stream-answer.js";
