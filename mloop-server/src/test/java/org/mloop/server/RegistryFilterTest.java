package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mloop.core.tracking.SearchFilter;
import org.mloop.core.tracking.SearchFilter.Kind;
import org.mloop.core.tracking.SearchFilter.Target;

/** In-memory evaluation of registry filters, with SQL's LIKE semantics. */
class RegistryFilterTest {
  record Item(String name, Map<String, String> tags) {}

  static List<String> matching(String filter, List<Item> items) {
    RegistryFilter<Item> f = new RegistryFilter<>(SearchFilter.parseRegisteredModels(filter), Target.REGISTERED_MODELS,
        (item, clause) -> clause.kind() == Kind.TAG ? item.tags().get(clause.key()) : item.name());
    return items.stream().filter(f::matches).map(Item::name).toList();
  }

  static final List<Item> ITEMS = List.of(new Item("diabetes", Map.of("team", "ml")),
      new Item("Diabetes-gb", Map.of()), new Item("churn_v2", Map.of("team", "bi")));

  @Test
  void likeIsCaseSensitiveIlikeIsNotAndWildcardsAreTheOnlySpecialCharacters() {
    assertThat(matching("name LIKE 'dia%'", ITEMS)).containsExactly("diabetes");
    assertThat(matching("name ILIKE 'dia%'", ITEMS)).containsExactly("diabetes", "Diabetes-gb");
    assertThat(matching("name LIKE 'churn_v_'", ITEMS)).containsExactly("churn_v2");
    assertThat(matching("name LIKE 'churn.v2'", ITEMS)).as("a dot is a dot, not a regex wildcard").isEmpty();
  }

  @Test
  void tagsAndConjunctions() {
    assertThat(matching("tags.team = 'ml'", ITEMS)).containsExactly("diabetes");
    assertThat(matching("tags.team != 'ml'", ITEMS)).as("items without the tag never match").containsExactly("churn_v2");
    assertThat(matching("name IN ('churn_v2', 'diabetes') AND tags.team = 'bi'", ITEMS)).containsExactly("churn_v2");
    assertThat(matching("", ITEMS)).hasSize(3);
  }

  @Test
  void pageTokensAreOffsets() {
    assertThat(RegistryFilter.page(List.of(1, 2, 3), RegistryFilter.offset("2"), 5)).containsExactly(3);
    assertThat(RegistryFilter.page(List.of(1, 2, 3), RegistryFilter.offset(null), 2)).containsExactly(1, 2);
    assertThatThrownBy(() -> RegistryFilter.offset("abc")).hasMessageContaining("page_token");
  }
}
