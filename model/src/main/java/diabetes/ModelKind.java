package diabetes;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The candidate models --model chooses between, by the names job.yml uses. */
public enum ModelKind {
  LOGISTIC_REGRESSION("logistic_regression"),
  GRADIENT_BOOSTING("gradient_boosting");

  private final String optionName;

  ModelKind(String optionName) {
    this.optionName = optionName;
  }

  public String optionName() {
    return optionName;
  }

  public static ModelKind parse(String text) {
    return Arrays.stream(values()).filter(k -> k.optionName.equals(text.trim())).findFirst()
        .orElseThrow(() -> new InputError("--model must be one of " + names() + ", got '" + text + "'"));
  }

  public static String names() {
    return Arrays.stream(values()).map(ModelKind::optionName).collect(Collectors.joining(", "));
  }
}
