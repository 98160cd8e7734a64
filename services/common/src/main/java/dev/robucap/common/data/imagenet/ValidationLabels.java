package dev.robucap.common.data.imagenet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels of a flat validation folder, by image id (the file name without its extension). Two formats, told
 * apart by the first line:
 * <ul>
 * <li>Kaggle's {@code LOC_val_solution.csv}: a header {@code ImageId,PredictionString}, then rows such as
 *     {@code ILSVRC2012_val_00000001,n01751748 21 3 459 375 }: the first token of the prediction string is the
 *     image's wnid (the boxes that follow are ignored);</li>
 * <li>a plain file, one {@code <file> <label>} per line, e.g. Caffe's {@code val.txt}: the label is a wnid, or an
 *     integer class index (0-based, in the order of the sorted training wnids, as Caffe's file uses it).</li>
 * </ul>
 */
final class ValidationLabels {

    /** Where a flat validation folder's labels are looked for, in this order. */
    static final List<String> DEFAULT_KEYS = List.of("LOC_val_solution.csv", "val.txt");

    private static final String CSV_HEADER = "ImageId,PredictionString";

    private ValidationLabels() {
    }

    /** Image id → wnid; every wnid is one of {@code classes}. */
    static Map<String, String> parse(String key, String text, List<String> classes) {
        List<String> lines = text.lines().toList();
        boolean csv = !lines.isEmpty() && lines.get(0).strip().equals(CSV_HEADER);
        var labels = new HashMap<String, String>();
        for (int i = csv ? 1 : 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = key + " line " + (i + 1);
            String[] fields = csv ? line.split(",", 2) : line.split("\\s+");
            String[] tokens = fields.length == 2 ? fields[1].strip().split("\\s+") : new String[] {""};
            if (fields.length != 2 || tokens[0].isEmpty() || (!csv && tokens.length != 1)) {
                throw new InvalidDatasetException(where + ": expected "
                        + (csv ? "'<ImageId>,<wnid> [boxes]'" : "'<file> <label>'") + ", got '" + line + "'");
            }
            String wnid = csv ? tokens[0] : wnidOf(tokens[0], classes, where);
            if (!classes.contains(wnid)) {
                throw new InvalidDatasetException(where + ": label " + wnid + " is not one of the "
                        + classes.size() + " training classes");
            }
            if (labels.put(imageId(fields[0]), wnid) != null) {
                throw new InvalidDatasetException(where + ": image " + fields[0] + " is labelled twice");
            }
        }
        return labels;
    }

    /** "ILSVRC2012_val_00000001" for "val/ILSVRC2012_val_00000001.JPEG" or "ILSVRC2012_val_00000001". */
    static String imageId(String fileOrKey) {
        String name = fileOrKey.substring(fileOrKey.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static String wnidOf(String label, List<String> classes, String where) {
        if (!label.chars().allMatch(Character::isDigit)) {
            return label;
        }
        int index = Integer.parseInt(label);
        if (index >= classes.size()) {
            throw new InvalidDatasetException(where + ": class index " + index + " is out of range: there are "
                    + classes.size() + " training classes (0.." + (classes.size() - 1) + ")");
        }
        return classes.get(index);
    }
}
