/**
 * `rms.show`: showing things in a notebook. A value with a rich form shows itself as a cell's last value
 * (`rms.show.chart(a, b)`, a DataFrame, a run); `showChart`, `showRuns`, … show several from one cell.
 */
export { liveLine, liveProgress, showChart, showHtml, showMarkdown, showRuns, showSource, showTable } from "../notebook/display";
export { chart, Chart, DISPLAY, matrixText, type Displayable, type MimeBundle } from "../notebook/jupyter";
export { frameOf, gridFrame, memoryFrame, presetsFrame, RESULT_DECIMALS, runLabel, runsFrame } from "../notebook/frames";
export { type FrameLike, type TableOptions } from "../notebook/table";
export { danfo, type DataFrame, type GroupBy, type Series as FrameSeries } from "../notebook/dataframe";
export { playgroundHtml, showPlayground, type PlaygroundOptions } from "../notebook/playground";
export { tryIt } from "../notebook/try";
export { versionsLine } from "../notebook/versions";
