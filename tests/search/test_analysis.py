from search.analysis import analyse, analyse_query, build_synonym_table, fold, synonym_token, words

TABLE = build_synonym_table(
    [
        ("IGJ", ["Inspectie Gezondheidszorg en Jeugd"]),
        ("MO/BW", ["maatschappelijke opvang en beschermd wonen"]),
        ("MO", ["maatschappelijke opvang"]),
    ]
)


def test_folding_removes_diacritics():
    assert fold("Cliënt geïmplementeerd Coördinatie") == "client geimplementeerd coordinatie"


def test_codes_stay_whole_and_punctuation_goes():
    assert words("Norm 2.2.2: <b>'meldcode'</b>") == ["norm", "2.2.2", "b", "meldcode", "b"]


def test_word_forms_share_a_stem():
    assert analyse("calamiteiten", TABLE) == analyse("calamiteit", TABLE)
    assert analyse("toezichthouders", TABLE) == analyse("toezichthouder", TABLE)
    assert analyse("cliënt", TABLE) == analyse("client", TABLE)


def test_stop_words_are_not_indexed():
    assert analyse("de aanbieder en het beleid", TABLE) == analyse("aanbieder beleid", TABLE)


def test_full_name_and_abbreviation_meet_on_one_token():
    by_name = set(analyse("Inspectie Gezondheidszorg en Jeugd", TABLE))
    query = analyse_query("IGJ", TABLE)
    assert set(query.groups[0]) & by_name


def test_longest_synonym_wins():
    tokens = analyse("maatschappelijke opvang en beschermd wonen", TABLE)
    assert "synmobw" in tokens and "synmo" not in tokens


def test_query_groups_and_code():
    query = analyse_query("  2.2.2 ", TABLE)
    assert query.code == "2.2.2" and query.groups == [["2.2.2"]]
    query = analyse_query("de calamiteiten", TABLE)
    assert query.groups == [["calamiteit"]] and query.phrase == "de calamiteiten"


def test_operators_and_syntax_leave_only_words():
    query = analyse_query('title:(igj OR "wmo) AND -x*; DROP TABLE--', TABLE)
    assert all(t.isalnum() or "." in t for g in query.groups for t in g)


def test_a_spelling_in_two_synonym_sets_gives_both_tokens():
    table = build_synonym_table([("AMHK", ["Veilig Thuis"]), ("SHG", ["Veilig Thuis"])])
    tokens = analyse("Meld het bij Veilig Thuis.", table)
    assert synonym_token("AMHK") in tokens and synonym_token("SHG") in tokens
    query = analyse_query("SHG", table)
    assert query.groups == [sorted({synonym_token("SHG"), "shg"})]
