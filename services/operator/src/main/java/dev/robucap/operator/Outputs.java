package dev.robucap.operator;

/** Whether a task's output prefix is published in the artifact store (so the task need not run). */
public interface Outputs {

    boolean isPublished(String prefix);
}
