export { sanitizeText } from "../text/sanitize.js";
export { renderRunJunit } from "./run-junit.js";
export { type MarkdownOptions, renderRunMarkdown } from "./run-markdown.js";
export { type RenderOptions, renderRunTable } from "./run-table.js";
export type { ColorLevel } from "./style.js";
export { formatDuration, formatIso, formatRelative, type TimeStyle } from "./time-format.js";
