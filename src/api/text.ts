/** `rms.text`: numbers as the notebooks print them (fixed decimals as numpy's `%.4f`, percentages, scientific). */
export { formatFixed } from "../format";
export { bullets, fixed, largest, last, percent, sci, smallest } from "../notebook/text";
