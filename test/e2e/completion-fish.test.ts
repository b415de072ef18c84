import { shellCompletionSuite, useCompletionProject } from "./completion-suite.js";

useCompletionProject();
shellCompletionSuite("fish");
