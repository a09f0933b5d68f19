export * from "./tracking/index.js";
