package dev.robucap.common.data.synthetic;

import java.util.List;

/** What one synthetic image shows: the main object, which decides the class, and 0–2 smaller distractors. */
public record Scene(int classIndex, SceneObject main, List<SceneObject> distractors) {

    public Scene {
        distractors = List.copyOf(distractors);
    }

    public SceneClass sceneClass() {
        return SceneClass.of(classIndex);
    }
}
