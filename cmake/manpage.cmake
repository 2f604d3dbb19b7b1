# Writes convscope-cli.1 from the program's own --help texts: the overview, then every command's
# usage. Run by cmake -P with CLI (the built program) and OUT (the page to write).
execute_process(COMMAND ${CLI} --help OUTPUT_VARIABLE overview RESULT_VARIABLE failed)
if(failed)
    message(FATAL_ERROR "${CLI} --help failed")
endif()
execute_process(COMMAND ${CLI} --version OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REGEX REPLACE "^convscope-cli " "" version "${version}")

# roff reads a leading dot or quote as a request and a backslash as an escape.
function(roff_text text result)
    string(REPLACE "\\" "\\e" text "${text}")
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
    set(${result} "${text}" PARENT_SCOPE)
endfunction()

string(TIMESTAMP today "%Y-%m-%d" UTC)
set(page ".TH CONVSCOPE-CLI 1 \"${today}\" \"ConvScope ${version}\" \"User Commands\"\n")
string(APPEND page ".SH NAME\nconvscope-cli \\- convolutions, pooling and small CNNs from the "
                   "command line\n")
roff_text("${overview}" overview)
string(APPEND page ".SH SYNOPSIS\n.nf\n${overview}.fi\n.SH COMMANDS\n")
string(REGEX MATCHALL "\n  [a-z-]+ " commands "${overview}")
foreach(entry ${commands})
    string(STRIP "${entry}" command)
    execute_process(COMMAND ${CLI} ${command} --help OUTPUT_VARIABLE usage)
    roff_text("${usage}" usage)
    string(APPEND page ".SS ${command}\n.nf\n${usage}.fi\n")
endforeach()
string(APPEND page ".SH SEE ALSO\n\\fBconvscope\\fR, the window; "
                   "/usr/share/doc/convscope/README.md\n")
file(WRITE ${OUT} "${page}")
