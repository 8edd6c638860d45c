package org.juicetokens.governance.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The node's evaluated health: every component (sorted by id) and the overall status, the worst of them. */
public record HealthVerdict(ComponentStatus overall, List<ComponentVerdict> components) {

  /** The highest measured load of any component, 0 when none measures one. */
  public double loadPercent() {
    return components.stream().map(ComponentVerdict::loadPercent).filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(0);
  }

  /** Component id → status, in id order. */
  public Map<String, ComponentStatus> statuses() {
    Map<String, ComponentStatus> statuses = new LinkedHashMap<>();
    components.forEach(c -> statuses.put(c.id(), c.status()));
    return statuses;
  }

  public Optional<ComponentVerdict> component(String id) {
    return components.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
