package org.mloop.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mloop.core.data.AssetRef;
import org.mloop.core.endpoints.EndpointRules;
import org.mloop.core.registry.ModelRef;

/** Names people give things are refused one way: which kind of name, shown short, and the limit when too long. */
class NameRuleTest {
  private static final String TEN_THOUSAND = "a".repeat(10_000);
  private static final String SHOWN = "'" + "a".repeat(61) + "...' (10000 characters)";

  @Test
  void aTooLongNameSaysTooLongOnceWithItsLimitAndIsShownAbbreviated() {
    assertThatThrownBy(() -> ModelRef.NAME.check(TEN_THOUSAND))
        .isInstanceOf(MloopException.class)
        .hasMessage("model name " + SHOWN + " is too long (max 255 characters)");
    assertThatThrownBy(() -> AssetRef.NAME.check(TEN_THOUSAND))
        .hasMessage("data asset name " + SHOWN + " is too long (max 255 characters)");
    assertThatThrownBy(() -> EndpointRules.checkEndpointName(TEN_THOUSAND))
        .hasMessage("endpoint name " + SHOWN + " is too long (max 32 characters)");
  }

  @Test
  void aNameReadFromAReferenceIsShownOnceWhenTheReferenceIsTheName() {
    assertThatThrownBy(() -> ModelRef.parse(TEN_THOUSAND + ":3"))
        .hasMessage("model name " + SHOWN + " is too long (max 255 characters)");
    assertThatThrownBy(() -> ModelRef.parse("bad name@prod"))
        .hasMessage("bad model name 'bad name' in 'bad name@prod': use letters, digits, '-', '_' or '.', starting"
            + " with a letter or digit");
    assertThatThrownBy(() -> ModelRef.NAME.check("bad name"))
        .hasMessage("bad model name 'bad name': use letters, digits, '-', '_' or '.', starting with a letter or digit");
  }

  @Test
  void aLongBadNameIsAbbreviatedWhereverItIsShown() {
    String bad = "b/".repeat(100);
    assertThatThrownBy(() -> ModelRef.parse(bad + "@" + "x".repeat(50)))
        .hasMessageStartingWith("bad model name '" + bad.substring(0, 61) + "...' (200 characters) in '")
        .hasMessageContaining("(251 characters)");
  }

  @Test
  void theLimitItselfIsAllowed() {
    assertThat(ModelRef.NAME.check("m".repeat(255))).hasSize(255);
    assertThat(EndpointRules.checkEndpointName("e".repeat(32))).hasSize(32);
  }

  @Test
  void aMissingNameSaysSo() {
    assertThatThrownBy(() -> AssetRef.NAME.check(""))
        .hasMessage("data asset name is missing: use letters, digits, '-', '_' or '.', starting with a letter or digit");
  }

  @Test
  void abbreviationNeverSplitsACharacter() {
    String emoji = "\uD83D\uDE00"; // one character, two chars
    String text = "a".repeat(60) + emoji + "b".repeat(10);
    assertThat(MessageText.abbreviate(text)).isEqualTo("a".repeat(60) + "...");
    assertThat(MessageText.quoted("short")).isEqualTo("'short'");
  }
}
