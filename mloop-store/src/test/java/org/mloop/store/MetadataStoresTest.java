package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;

/** Metadata stores are opened by URL, chosen by its scheme (SQLite and PostgreSQL open in their own tests). */
class MetadataStoresTest {

  @Test
  void theKnownSchemesAreSqliteAndPostgresql() {
    assertThat(MetadataStores.schemes()).containsExactly("jdbc:sqlite:", "jdbc:postgresql:");
  }

  @Test
  void anUnknownSchemeIsRefusedNamingTheKnownOnesWithoutThePassword() {
    assertThatThrownBy(() -> MetadataStores.open("jdbc:mysql://db:3306/mloop?user=ml&password=s3cret"))
        .isInstanceOf(MloopException.class)
        .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
        .hasMessage("unsupported metadata store URL 'jdbc:mysql://db:3306/mloop?user=ml&password=***': use "
            + "jdbc:sqlite: (as jdbc:sqlite:/path/to/mloop.db), or jdbc:postgresql: (as "
            + "jdbc:postgresql://host:5432/database)");
  }

  @Test
  void aMissingUrlIsRefusedSayingWhatToGive() {
    for (String missing : new String[] {null, "", "  "}) {
      assertThatThrownBy(() -> MetadataStores.open(missing)).as(String.valueOf(missing))
          .isInstanceOf(MloopException.class)
          .hasMessageStartingWith("no metadata store URL given: use jdbc:sqlite: (as jdbc:sqlite:/path/to/mloop.db)");
    }
  }
}
