from django.template.loader import render_to_string

from cocreate.core.charts import bar_chart, column_chart


def test_bar_lengths_are_shares_of_the_longest():
    chart = bar_chart("별점", [("5★", 10), ("1★", 5), ("3★", 0)])
    assert [b.length for b in chart.bars] == [100.0, 50.0, 0.0]
    assert chart.total == 15


def test_chart_labels_are_escaped():
    chart = column_chart("<script>x</script>", [("<b>월</b>", 3)])
    html = render_to_string("core/charts/columns.html", {"chart": chart})
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;월&lt;/b&gt;" in html


def test_empty_chart_says_so():
    chart = column_chart("없음", [("1월", 0)])
    assert chart.is_empty


def test_bars_carry_their_labels_and_values_in_the_drawing():
    chart = bar_chart("색상", [("<i>블랙</i>", 2), ("네이비", 4)], unit="명")
    html = render_to_string("core/charts/bars.html", {"chart": chart})
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'class="bar-label"' in svg and "&lt;i&gt;블랙&lt;/i&gt;" in svg and "<i>" not in svg
    assert ">4명</text>" in svg and ">2명</text>" in svg
    # the longest bar spans the 400-unit track; the other is half of it
    assert 'width="400"' in svg and 'width="200"' in svg
    assert 'x="578"' in svg  # the value sits just after the longest bar
