package org.integrityrisk.output;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.integrityrisk.output.CaseEvidence.GroupInfo;

/**
 * A lead's groups as patterns: groups whose members are nested (a ring and the sub-groups
 * FP-growth also finds in it, which cross whenever the ring does) are one pattern, listed
 * with the largest first; groups that share no such nesting are patterns of their own. A
 * group the suspect_groups table does not describe stands alone.
 */
final class NestedGroups {
  private NestedGroups() {}

  /** One pattern: its groups, the largest first (ties by id). */
  record Pattern(List<GroupInfo> groups) {
    Pattern {
      groups = List.copyOf(groups);
    }

    GroupInfo largest() {
      return groups.get(0);
    }
  }

  static List<Pattern> of(List<String> groupIds, Map<String, GroupInfo> known) {
    List<GroupInfo> groups = new ArrayList<>();
    for (String id : groupIds) {
      groups.add(known.getOrDefault(id, new GroupInfo(id, 0, false, List.of())));
    }
    groups.sort(Comparator.comparingInt(GroupInfo::size).reversed().thenComparing(GroupInfo::groupId));
    int[] parent = new int[groups.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < groups.size(); i++) {
      for (int j = i + 1; j < groups.size(); j++) {
        if (nested(groups.get(j), groups.get(i))) {
          parent[root(parent, j)] = root(parent, i);
        }
      }
    }
    Map<Integer, List<GroupInfo>> byRoot = new LinkedHashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      byRoot.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(groups.get(i));
    }
    return byRoot.values().stream().map(Pattern::new).toList();
  }

  /** Whether every member of the smaller group is a member of the larger. */
  private static boolean nested(GroupInfo smaller, GroupInfo larger) {
    if (smaller.members().isEmpty() || larger.members().isEmpty()) {
      return false;
    }
    Set<String> members = new HashSet<>(larger.members());
    return members.containsAll(smaller.members());
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
