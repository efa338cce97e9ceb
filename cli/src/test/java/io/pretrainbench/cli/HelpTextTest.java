package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTextTest {
    /**
     * picocli formats command, option and parameter descriptions with String.format; a bare '%' makes it print a
     * warning and the raw text.
     */
    @Test
    void everyCommandDescriptionIsAValidFormatString() {
        CommandLine cli = new CommandLine(new Main());
        assertThat(cli.getSubcommands()).containsKeys("study", "asymptotics");
        cli.getSubcommands().forEach((name, command) -> {
            List<String> lines = new ArrayList<>(
                    List.of(command.getCommandSpec().usageMessage().description()));
            command.getCommandSpec().args().forEach(arg -> lines.addAll(List.of(arg.description())));
            for (String line : lines) {
                assertThatCode(() -> String.format(Locale.ROOT, line))
                        .as(name + ": " + line)
                        .doesNotThrowAnyException();
            }
        });
    }
}
