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
