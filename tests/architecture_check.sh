#!/usr/bin/env bash
# Holds the tree to the rules of ARCHITECTURE.md: which room may include which, no Qt in the
# core, and one include style (every project header named from the repository's root). The
# ui link checks (ui/CMakeLists.txt) catch a forbidden symbol; this catches a forbidden header
# even when only its inline code is used. Prints every broken rule; exits 1 if there is one.
set -uo pipefail

ROOT="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}" && pwd)"
cd "$ROOT" || exit 2

# The rooms a file may include from, by the room it is in.
allowed_for() {
    case "$1" in
    core/ops/*) echo "core ops" ;;
    core/io/*) echo "core io" ;;
    core/explorer/*) echo "core ops io explorer" ;;
    core/nn/*) echo "core ops io nn" ;;
    core/lessons/*) echo "core ops io explorer nn lessons" ;;
    core/*) echo "core" ;;
    ui/common/*) echo "core ops io explorer nn common" ;;
    ui/explorer/*) echo "core ops io explorer nn common uiexplorer" ;;
    ui/training/*) echo "core ops io explorer nn lessons common training" ;;
    ui/lessons/*) echo "core ops io explorer nn lessons common uilessons" ;;
    ui/*) echo "any-core any-ui" ;;
    *) echo "anything" ;;
    esac
}

room_of() {
    case "$1" in
    core/ops/*) echo ops ;;
    core/io/*) echo io ;;
    core/explorer/*) echo explorer ;;
    core/nn/*) echo nn ;;
    core/lessons/*) echo lessons ;;
    core/*/*) echo unknown-core-room ;;
    core/*) echo core ;;
    ui/common/*) echo common ;;
    ui/explorer/*) echo uiexplorer ;;
    ui/training/*) echo training ;;
    ui/lessons/*) echo uilessons ;;
    ui/*/*) echo unknown-ui-room ;;
    ui/*) echo shell ;;
    app/*) echo app ;;
    *) echo other ;;
    esac
}

broken=0
checked=0
complain() {
    echo "$1"
    broken=$((broken + 1))
}

while IFS= read -r file; do
    checked=$((checked + 1))
    allowed="$(allowed_for "$file")"
    if [[ "$file" == core/* ]] && grep -qE '^#include <Q' "$file"; then
        complain "$file: the core includes Qt ($(grep -m1 -E '^#include <Q' "$file"))"
    fi
    while IFS= read -r header; do
        [[ "$header" == *.moc ]] && continue
        if [[ ! -f "$header" ]]; then
            complain "$file: #include \"$header\" is not named from the repository's root"
            continue
        fi
        [[ "$allowed" == anything ]] && continue
        room="$(room_of "$header")"
        if [[ "$allowed" == "any-core any-ui" ]]; then
            [[ "$room" == app ]] && complain "$file: the ui includes the app ($header)"
            continue
        fi
        if [[ " $allowed " != *" $room "* ]]; then
            complain "$file: the room of $(room_of "$file") may not include $header ($room)"
        fi
    done < <(sed -nE 's/^#include "([^"]+)".*/\1/p' "$file")
done < <(find core ui app tests bench fuzz -name '*.h' -o -name '*.cpp' | sort)

echo "architecture: $checked files checked, $broken broken rules"
[ "$broken" -eq 0 ]
