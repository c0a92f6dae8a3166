from airoadmap.cli import main

main()
