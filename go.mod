module github.com/gotrack/gotrack

go 1.26
