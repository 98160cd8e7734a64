package dev.robucap.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A status condition as Kubernetes and Strimzi write them; {@code status} is True, False or Unknown. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(String type, String status, String reason, String message, String lastTransitionTime) {
}
