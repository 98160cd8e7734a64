package dev.robucap.common.data.synthetic;

/** Warm or cool object colours: half of what makes a class (the other half is the shape). */
public enum HueFamily {
    WARM, COOL;

    public String word() {
        return name().toLowerCase();
    }
}
