// SPDX-License-Identifier: GPL-3.0-or-later
// The ladder (and, if chosen, the state diagram) of a lesson as a file for slides and handouts:
// SVG through QSvgGenerator (vector text), PDF through QPdfWriter (A4 or Letter, paginated at
// step boundaries, the ladder's header on every page, the state diagram on a last page), PNG
// through QImage at a chosen scale. The texts are in the language of the installed translator;
// the window and tcpsim-cli both write through here.
#pragma once

#include "tcpsim/session/numberformat.h"

#include "tcpsim/model/script.h"
#include "tcpsim/model/simulation.h"

#include <QCoreApplication>
#include <QSize>
#include <QString>

#include <optional>
#include <vector>

class LessonController;

class LadderExport
{
    Q_DECLARE_TR_FUNCTIONS(LadderExport)

public:
    enum class Format { Svg, Pdf, Png };
    enum class Diagram { Include, Omit };
    enum class PageSize { A4, Letter };

    struct Options {
        NumberStyle numberStyle = NumberStyle::Symbolic;
        Diagram diagram = Diagram::Include;
        PageSize pageSize = PageSize::A4; // PDF
        int scale = 1;                    // PNG: device pixels per ladder pixel (2 for slides)
        bool timeScale = false;           // rows placed by virtual time (LadderLayout::setTimeScale)
    };
    static constexpr int maxScale = 4;
    // The quality every PNG of the app is written with (the window's --screenshot too): zlib's
    // fast levels, which for these flat pictures also give files a little smaller than the
    // default's; a 1280×720 window in 32 ms instead of 47.
    static constexpr int pngQuality = 70;

    // What is drawn: a lesson's events up to a step, grouped into steps as the window groups them.
    struct Content {
        QString title;
        std::vector<tcpsim::Event> events;
        std::vector<std::size_t> boundaries; // LessonController::eventBoundaries()
        tcpsim::SimulationConfig config;     // the ports in the header
        int step = 0;                        // the last step drawn
        int stepCount = 0;                   // steps in the lesson
    };

    struct Result {
        QString error;    // empty: written
        int pageCount = 0; // PDF pages (1 for SVG and PNG)
        QSize pixelSize;  // SVG and PNG: the picture's size (PNG: with the scale)
        bool ok() const { return error.isEmpty(); }
    };

    // The format named by the file's suffix (.svg, .pdf, .png, any case); none for another.
    static std::optional<Format> formatFor(const QString &path);
    // Runs `lesson` from the start up to `untilStep` (none: to its end) with `config`.
    static Content contentOf(const tcpsim::Lesson &lesson, const tcpsim::SimulationConfig &config,
                             std::optional<int> untilStep, const QString &title);
    // What `controller` shows now (its current step).
    static Content contentOf(const LessonController &controller, const QString &title);

    // Writes `content` to `path` in the format its suffix names. The file is replaced only when
    // all of it was written; `error` says why not (a bad suffix, an unwritable path, too large).
    static Result write(const QString &path, const Content &content, const Options &options);
};
