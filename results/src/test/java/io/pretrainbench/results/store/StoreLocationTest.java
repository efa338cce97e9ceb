package io.pretrainbench.results.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreLocationTest {
    @Test
    void aPathIsASqliteFile() {
        assertThat(StoreLocation.parse("runs/results.db"))
                .isEqualTo(new StoreLocation.SqliteFile(Path.of("runs/results.db")));
    }

    @Test
    void postgresUrlsOfBothFormsNameTheSameDatabase() {
        StoreLocation.Postgres url =
                (StoreLocation.Postgres) StoreLocation.parse("postgresql://ptb@db.example:6543/runs");
        StoreLocation.Postgres jdbc = (StoreLocation.Postgres)
                StoreLocation.parse("jdbc:postgresql://db.example:6543/runs?user=ptb&sslmode=require");
        assertThat(url.display()).isEqualTo("postgresql://ptb@db.example:6543/runs");
        assertThat(jdbc.display()).isEqualTo(url.display());
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/runs?sslmode=require");
        assertThat(((StoreLocation.Postgres) StoreLocation.parse("postgres://ptb@host/db")).port())
                .isEqualTo(5432);
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() {
        for (String url :
                new String[] {"postgresql://ptb:s3cret@host/db", "jdbc:postgresql://host/db?user=ptb&password=s3cret"
                }) {
            assertThatThrownBy(() -> StoreLocation.parse(url))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("carries a password")
                    .hasMessageNotContaining("s3cret");
        }
    }

    @Test
    void otherSchemesAndIncompleteUrlsAreRefused() {
        assertThatThrownBy(() -> StoreLocation.parse("mysql://host/db"))
                .hasMessageContaining("'mysql://' is not a store");
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://host"))
                .hasMessageContaining("needs a host and a database");
    }
}
