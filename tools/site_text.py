"""Every string the web site (tools/build_site.py, site/conf.py) adds to the pages, in both editions.

``WIDGETS``: for each widget builder a notebook displays, one line saying what the live widget does
(the page shows the widget's stored picture, this line and the launch links). A notebook that
displays a builder missing here stops the build with a message naming it.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "site_title": "Backprop, step by step",
        "intro": ("An ordered series of Jupyter notebooks that teaches backpropagation from the chain rule to "
                  "matrix-form training. Each page is a notebook as one clean run left it: read it here, then "
                  "open the live notebook (Binder, your class hub, or a download) to move the widgets yourself."),
        "intro_short": "An ordered series of Jupyter notebooks that teaches backpropagation, step by step.",
        "map": "The map of the series",
        "more": ("Also here: the one-page [cheat sheet](cheatsheet.md), the [glossary](glossary.md) of every "
                 "key term in English and Korean, and the [instructor guides](teaching/index.md)."),
        "col_number": "#", "col_notebook": "notebook", "col_question": "the question it answers",
        "toc_notebooks": "Notebooks", "toc_reference": "Reference", "toc_teaching": "For instructors",
        "glossary": "Glossary (용어집)",
        "glossary_intro": ("Each key term of the series in English and Korean, what it means, and the notebook "
                           "where it is first met (the same table as in notebook 00)."),
        "english_only": "",
        "launch_label": "Run this notebook",
        "launch_title": "Run it live:",
        "binder": "Open in Binder",
        "hub": "Open on the class hub",
        "download": "Download the notebook (.ipynb)",
        "not_published": ("The Binder and class-hub links appear once the series' repository is published "
                          "(deploy/published.toml); until then, download the notebook and open it in JupyterLab."),
        "switch": "한국어",
        "switch_label": "이 페이지를 한국어로 읽기 (Read this page in Korean)",
        "widget_prefix": "Live widget:",
        "toggle_label": "Show or hide the pages in this section",
    },
    "ko": {
        "site_title": "역전파, 한 단계씩",
        "intro": ("연쇄 법칙에서 행렬 형태의 학습까지 역전파를 순서대로 가르치는 "
                  "주피터 노트북 시리즈입니다. 각 페이지는 노트북을 한 번 깨끗하게 "
                  "실행한 결과 그대로입니다. 여기서 읽은 뒤, 살아 있는 노트북(Binder, "
                  "수업 허브, 또는 내려받기)을 열어 위젯을 직접 움직여 보세요."),
        "intro_short": "역전파를 한 단계씩 가르치는 주피터 노트북 시리즈입니다.",
        "map": "시리즈 지도",
        "more": ("여기에는 한 쪽짜리 [요약표](cheatsheet.md), 핵심 용어를 영어와 "
                 "한국어로 정리한 [용어집](glossary.md), [강사용 안내서](teaching/index.md)도 있습니다."),
        "col_number": "#", "col_notebook": "노트북", "col_question": "답하는 질문",
        "toc_notebooks": "노트북", "toc_reference": "참고 자료", "toc_teaching": "강사용",
        "glossary": "용어집 (Glossary)",
        "glossary_intro": ("시리즈의 핵심 용어를 영어와 한국어로, 그 뜻과 처음 나오는 "
                           "노트북과 함께 정리했습니다 (노트북 00의 표와 같습니다)."),
        "english_only": "이 문서는 아직 영어로만 있습니다.",
        "launch_label": "이 노트북 실행하기",
        "launch_title": "직접 실행하기:",
        "binder": "Binder에서 열기",
        "hub": "수업 허브에서 열기",
        "download": "노트북 내려받기 (.ipynb)",
        "not_published": ("Binder와 수업 허브 링크는 시리즈의 저장소가 공개되면 (deploy/published.toml) 나타납니다. "
                          "그때까지는 노트북을 내려받아 JupyterLab에서 여세요."),
        "switch": "English",
        "switch_label": "Read this page in English (이 페이지를 영어로 읽기)",
        "widget_prefix": "살아 있는 위젯:",
        "toggle_label": "이 단원의 페이지 보이기 또는 숨기기",
    },
}

WIDGETS: dict[str, tuple[str, str]] = {
    "SetupCheck": ("it checks your set-up: Python, the packages and widgets, each with a tick or what to fix.",
                   "설치 상태를 점검합니다: 파이썬, 패키지, 위젯을 하나씩 확인하고 고칠 점을 알려 줍니다."),
    "StepSizeExplorer": ("move the step size h and watch the finite-difference estimate approach the derivative, "
                         "then lose digits when h is too small.",
                         "간격 h를 움직이며 유한 차분 추정값이 도함수에 다가가다가 "
                         "h가 너무 작으면 자릿수를 잃는 모습을 봅니다."),
    "BackwardStepper": ("step the backward pass gate by gate and watch each gradient appear on the graph.",
                        "역방향 패스를 게이트 하나씩 진행하며 그래프 위에 기울기가 하나씩 나타나는 것을 봅니다."),
    "JacobianExplorer": ("change W and x and watch the Jacobian, its products and the shapes update.",
                         "W와 x를 바꾸며 야코비 행렬과 그 곱, 모양이 바뀌는 것을 봅니다."),
    "Panel222": ("step the 2-2-2 network's weights through updates and watch every forward, backward and "
                 "update number move.",
                 "2-2-2 신경망의 가중치를 한 번씩 갱신하며 순전파, 역전파, 갱신의 모든 숫자가 움직이는 것을 봅니다."),
    "PathExplorer": ("pick a weight and follow every path from it to the loss, with the delta of each node.",
                     "가중치 하나를 골라 손실까지 이어지는 모든 경로와 각 노드의 델타를 따라갑니다."),
    "SaturationExplorer": ("move x, w and b and watch the sigmoid saturate and its gradient vanish.",
                           "x, w, b를 움직이며 시그모이드가 포화되고 기울기가 사라지는 것을 봅니다."),
    "DescentExplorer": ("move the learning rate η and watch gradient descent creep, converge, oscillate or diverge.",
                        "학습률 η를 움직이며 경사 하강법이 느리게 가거나, 수렴하거나, "
                        "진동하거나, 발산하는 것을 봅니다."),
    "TrainingExplorer": ("choose the data set, width, depth, activation and learning rate, train, and watch the "
                         "loss and the decision boundary.",
                         "데이터, 너비, 깊이, 활성화 함수, 학습률을 골라 학습시키고 손실과 결정 경계를 봅니다."),
}


def widget_line(kind: str, lang: str) -> str:
    """The one line under a widget's picture: what the live widget does."""
    english, korean = WIDGETS[kind]
    return f"{STRINGS[lang]['widget_prefix']} {english if lang == 'en' else korean}"
