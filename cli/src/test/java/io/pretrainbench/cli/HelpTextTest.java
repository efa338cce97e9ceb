package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTextTest {
  /** picocli formats descriptions with String.format; a bare '%' makes it print a warning and the raw text. */
  @Test
  void everyCommandDescriptionIsAValidFormatString() {
    CommandLine cli = new CommandLine(new Main());
    assertThat(cli.getSubcommands()).containsKeys("study", "asymptotics");
    cli.getSubcommands().forEach((name, command) -> {
      for (String line : command.getCommandSpec().usageMessage().description()) {
        assertThatCode(() -> String.format(Locale.ROOT, line)).as(name).doesNotThrowAnyException();
      }
    });
  }
}
