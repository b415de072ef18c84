import type { Command } from "commander";
import { defineCommand } from "../command-kit/define-command.js";

/** `completion <shell>`, and the hidden helpers its scripts call for aliases and profiles. */

export const completionCommand = defineCommand({
  name: "completion",
  description: "print a shell completion script: commands, flags and the config's pipeline aliases",
  declare: (command: Command) => {
    command.addArgument(
      command.createArgument("<shell>", "bash, zsh or fish").choices(["bash", "zsh", "fish"]),
    );
  },
  helpAfter: `
Install:
  bash  echo 'source <(codearts-run completion bash)' >> ~/.bashrc
  zsh   echo 'source <(codearts-run completion zsh)' >> ~/.zshrc     # after compinit
  fish  codearts-run completion fish > ~/.config/fish/completions/codearts-run.fish`,
  handler: async ({ args, program }, ctx) => {
    const { runCompletion } = await import("../handlers/completion.js");
    return runCompletion({ shell: args[0] as "bash" | "zsh" | "fish", program }, ctx);
  },
});

export const completePipelinesCommand = defineCommand({
  name: "__complete-pipelines",
  description: "",
  hidden: true,
  handler: async ({ global }, ctx) => {
    const { runCompletePipelines } = await import("../handlers/completion.js");
    return runCompletePipelines(global, ctx);
  },
});

export const completeProfilesCommand = defineCommand({
  name: "__complete-profiles",
  description: "",
  hidden: true,
  handler: async ({ global }, ctx) => {
    const { runCompleteProfiles } = await import("../handlers/completion.js");
    return runCompleteProfiles(global, ctx);
  },
});
