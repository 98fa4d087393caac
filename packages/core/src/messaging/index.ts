export {
  decideSend,
  type GateDecision,
  type GateFacts,
  type MessageCategory,
  type SuppressReason,
} from './gate';
export { isTimeZone, localParts, zonedInstant } from './local-time';
export { quietHoursEnd, type QuietHours } from './quiet-hours';
export {
  escapeHtml,
  parseTemplate,
  renderParts,
  renderTemplate,
  type RenderMode,
  type TemplatePart,
  type TemplateProblem,
} from './template';
